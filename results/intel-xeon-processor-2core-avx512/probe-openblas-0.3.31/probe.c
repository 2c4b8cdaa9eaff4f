#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <dlfcn.h>
#include <string.h>
typedef void (*sgemm_t)(int,int,int,int,int,int,float,const float*,int,const float*,int,float,float*,int);
typedef void (*setn_t)(int);
typedef char* (*core_t)(void);
typedef char* (*cfg_t)(void);
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e6+t.tv_nsec/1e3;}
static int cmp(const void*a,const void*b){double x=*(double*)a,y=*(double*)b;return x<y?-1:x>y;}
int main(int argc,char**argv){
  /* argv: lib threads label m n k transA transB reps */
  void*h=dlopen(argv[1],RTLD_NOW|RTLD_LOCAL); if(!h){fprintf(stderr,"%s\n",dlerror());return 1;}
  sgemm_t g=(sgemm_t)dlsym(h,"cblas_sgemm"); setn_t s=(setn_t)dlsym(h,"openblas_set_num_threads");
  core_t c=(core_t)dlsym(h,"openblas_get_corename"); cfg_t cf=(cfg_t)dlsym(h,"openblas_get_config");
  int th=atoi(argv[2]); s(th);
  for(int a=4;a+5<=argc;a+=6){
    int m=atoi(argv[a]),n=atoi(argv[a+1]),k=atoi(argv[a+2]),ta=atoi(argv[a+3]),tb=atoi(argv[a+4]),reps=atoi(argv[a+5]);
    float*A=malloc(sizeof(float)*m*k),*B=malloc(sizeof(float)*k*n),*C=malloc(sizeof(float)*m*n);
    for(long i=0;i<(long)m*k;i++)A[i]=(i%7)*0.01f; for(long i=0;i<(long)k*n;i++)B[i]=(i%5)*0.01f;
    int lda=ta?m:k, ldb=tb?k:n;
    double*t=malloc(sizeof(double)*reps);
    for(int w=0;w<reps/4+3;w++) g(101,ta?112:111,tb?112:111,m,n,k,1.f,A,lda,B,ldb,0.f,C,n);
    for(int r=0;r<reps;r++){double t0=now(); g(101,ta?112:111,tb?112:111,m,n,k,1.f,A,lda,B,ldb,0.f,C,n); t[r]=now()-t0;}
    qsort(t,reps,sizeof(double),cmp);
    printf("%s\t%s\t%d\t%dx%dx%d\t%s%s\t%.2f\t%.2f\t%.2f\n",argv[3],c(),th,m,n,k,ta?"T":"N",tb?"T":"N",t[reps/4],t[reps/2],t[3*reps/4]);
    free(A);free(B);free(C);free(t);
  }
  return 0;
}
